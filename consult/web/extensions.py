"""Flask extensions, created unbound and attached in create_app."""

from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "account.login"
login_manager.login_message = "Sign in to continue."
login_manager.login_message_category = "info"
