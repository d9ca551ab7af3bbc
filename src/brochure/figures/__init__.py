"""Official figures: the BLS tables on disk, joined to a career by its SOC code."""
