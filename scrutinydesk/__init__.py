"""scrutinydesk: a council scrutiny committee's meetings, decisions, actions and indicators in one window."""

__version__ = "0.1.0"
