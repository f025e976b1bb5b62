from evals.month.cli import main

raise SystemExit(main())
