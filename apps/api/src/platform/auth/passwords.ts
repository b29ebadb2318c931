import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation). */
export const hashPassword = (password: string) => hash(password);

// A real hash to verify against when the login is unknown, so that timing does not tell which logins exist.
const DUMMY = '$argon2id$v=19$m=19456,t=2,p=1$2jMaM3C5urKvG9aPxWSc+A$W2ML7KCs+rL10qCBNSN1pCNmTdVbpuhQA9U45XPD7dA';

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY, password);
    return passwordHash !== null && ok;
  } catch {
    return false;
  }
}
