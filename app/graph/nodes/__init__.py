"""Graph nodes, one module per group. Each ``make_*`` closes over the graph's deps."""
