"""Server mode: many workers on one PostgreSQL or MariaDB database.

Qt-free services the screens and the command line build on:

- :mod:`.health`: is the server reachable; database errors translated into one clear error;
- :mod:`.users_admin`: removing a user's key and giving them a new password;
- :mod:`.review`: the supervisor's review queue and the caseworker's decision badges;
- :mod:`.progress`: ratings over time per area and the change between the latest two;
- :mod:`.access_log`: access-log review (logguppföljning) and its CSV export;
- :mod:`.transfer`: moving a case from a laptop's database to the server, encrypted;
- :mod:`.local_drafts`: encrypted drafts on disk while the server is away, and their sync;
- :mod:`.conflicts`: two versions of one plan side by side, and merging them.
"""
