"""Text rules every layer shares: untrusted text made safe, display widths, wrapping."""
