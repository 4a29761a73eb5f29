"""Kitchen cameras (明厨亮灶): a business's cameras, their live frames and the worker that watches them."""
