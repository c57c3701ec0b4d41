"""Fix builders: each turns a finding's context into a complete, parseable edit."""
