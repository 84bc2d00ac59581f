import sys
from pathlib import Path

# Let test modules import the shared helpers next to them (notebook_runner).
sys.path.insert(0, str(Path(__file__).resolve().parent))
