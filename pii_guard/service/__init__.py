"""A complaint-intake service: the product's main job, end to end."""
