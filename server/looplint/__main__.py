from looplint.cli.main import main

raise SystemExit(main())
