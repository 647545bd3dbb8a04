"""Access-log review (logguppföljning) for supervisors."""
