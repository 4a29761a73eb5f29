"""The signed-in workspaces (/me…): plain server pages and forms over the backend's services."""
