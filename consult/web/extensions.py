"""Flask extensions, created unbound and attached in create_app."""

from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
