"""Kitchen-camera alerts: raised by the detection rules, confirmed or dismissed by officers."""
