"""The synthetic month: a generator of about 25,000 tickets with ground truth, a replay that
drives them through the real graph on a simulated clock, and the report an owner reads."""
