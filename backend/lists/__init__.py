"""Red and black lists (红黑榜): published criteria, numbered immutable editions with reasons."""
