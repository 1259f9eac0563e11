// Readers for .ioc and build files.
