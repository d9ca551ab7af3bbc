"""What people write: careers, brands, layouts and the project's settings, read from YAML
and checked, every error located in its file."""
