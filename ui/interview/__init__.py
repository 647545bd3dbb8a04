"""The guided interview (kartläggning): one page per area, generated from the template."""
