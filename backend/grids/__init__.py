"""Grid areas (网格) and the officer responsible for each: where a complaint about a business goes."""
