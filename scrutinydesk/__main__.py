"""``python -m scrutinydesk``: the same as the ``scrutinydesk`` command."""
from scrutinydesk.cli import main

main()
