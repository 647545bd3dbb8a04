from assessment_app.cli.main import main

raise SystemExit(main())
