"""gapcli: explore where governments talk past each other, issue by issue, with citations."""
