"""What a module's classes declare about their instances' attributes, by qualified names, for
the project index: what another module reaches through ``self.service.fetcher``."""

from __future__ import annotations

from analyzed import clean
from looplint.engine.attribute_classes import module_attribute_classes


def test_classes_and_their_attributes_by_qualified_name() -> None:
    source = clean(
        """
        from .fetchers import Fetcher
        from . import clients

        class Local:
            pass

        class Service:
            client: "clients.Client"

            def __init__(self):
                self.fetcher = Fetcher()
                self.local = Local()
                self.unknown = make()

            class Settings:
                def __init__(self):
                    self.service = Service()
        """
    )
    assert module_attribute_classes(source, "pkg.service") == {
        "pkg.service.Service": {
            "client": "pkg.clients.Client",
            "fetcher": "pkg.fetchers.Fetcher",
            "local": "pkg.service.Local",
        },
        "pkg.service.Service.Settings": {"service": "pkg.service.Service"},
    }


def test_an_attribute_of_an_imported_class_is_named_by_its_path() -> None:
    source = clean(
        """
        from service import Service

        class App:
            def __init__(self, service: Service):
                self.fetcher = service.fetcher
        """
    )
    assert module_attribute_classes(source, "app") == {
        "app.App": {"fetcher": "service.Service.fetcher"}
    }


def test_classes_other_modules_cannot_name_are_left_out() -> None:
    source = clean(
        """
        import sys
        from pathlib import Path

        if sys.version_info >= (3, 11):
            class Guarded:
                def __init__(self):
                    self.path = Path()

                    class Helper:
                        pass

                    self.helper = Helper()

        def factory():
            class Inner:
                def __init__(self):
                    self.path = Path()
            return Inner
        """
    )
    assert module_attribute_classes(source, "m") == {"m.Guarded": {"path": "pathlib.Path"}}


def test_a_text_that_does_not_parse_declares_nothing() -> None:
    assert module_attribute_classes("class Broken(:\n", "m") == {}
