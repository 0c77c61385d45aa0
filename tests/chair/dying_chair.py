"""Child process: record a chair's completion, then die at once without closing anything."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from scrutinydesk.sync.chair_changes import ChairDesk
from scrutinydesk.sync.keys import load_private_key

data_dir, key_path, action_id = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
desk = ChairDesk(data_dir)
desk.complete(load_private_key(key_path, None), action_id, "recorded just before the battery died")
os._exit(9)
