"""Quantified grade (量化分级) and risk level (风险等级): pure rules from a business's records."""
