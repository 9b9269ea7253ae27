/* For wine 8 (Debian 12) only, never shipped: Rust's standard library gets random bytes from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10/11 has and wine 8 lacks, so an
 * exe does not even start there. scripts/windows-under-wine builds this one-function stand-in
 * with mingw-w64 and puts it into the throw-away wine prefix; it draws from RtlGenRandom
 * (advapi32's SystemFunction036), which wine implements. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
