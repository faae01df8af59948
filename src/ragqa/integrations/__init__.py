"""Adapters to other frameworks. Imported only when used: ``import ragqa`` never imports them."""
