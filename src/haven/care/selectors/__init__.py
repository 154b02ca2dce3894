"""What the care pages, lists and returns read. Each module is one area's reads."""
