/// SHA-256 compression with the x86 SHA extensions (SHA-NI), for EventStore's `SHA256`.
///
/// The portable Swift compression in EventStore/SHA256.swift stays the reference; this file only
/// adds a faster path that the Swift side selects at run time when the CPU reports the extensions.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the SHA extensions and the SSSE3 and SSE4.1 instructions the
/// hardware path uses (CPUID leaf 7 EBX bit 29, leaf 1 ECX bits 9 and 19). Always 0 off x86.
int csha256_hardware_available(void);

/// Hashes `blocks` whole 64-byte blocks at `data` into `state` (the eight working words
/// H0...H7 in host order) with the SHA extensions. Call only when
/// `csha256_hardware_available()` returned 1.
void csha256_hardware_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
