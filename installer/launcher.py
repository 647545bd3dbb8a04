"""Entry script of the bundled app: the same as the ``assessment-app`` console script, plus
``--bundle-check`` (installer/bundle_check.py), which checks the build itself."""

import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["--bundle-check"]:
        from bundle_check import main as bundle_check

        sys.exit(bundle_check())
    from assessment_app.cli.main import main

    sys.exit(main())
