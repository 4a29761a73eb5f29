"""Ingredient purchase records (进货查验) and rapid test results (快检)."""
