"""Credit repair (信用修复): a black-listed business asks to leave the list early, an officer decides."""
