from geo.cli import main

raise SystemExit(main())
