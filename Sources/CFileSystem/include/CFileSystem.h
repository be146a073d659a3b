// File-system calls that Swift's Glibc module does not expose.
#ifndef CFILESYSTEM_H
#define CFILESYSTEM_H

/// Swaps two paths atomically (Linux renameat2 with RENAME_EXCHANGE): both must exist, and at
/// every instant each name refers to one of the two. Returns 0, or -1 with errno set (ENOSYS
/// off Linux, EINVAL where the file system cannot exchange).
int yanglao_exchange_paths(const char *first, const char *second);

#endif
