/**
 * `npm run token -- [role] [hours]`: prints a development JWT (HS256, signed with JWT_SECRET) for
 * the Authorization header, e.g. `Authorization: Bearer $(npm run -s token -- editor)`.
 */
import { SignJWT } from 'jose';

const [role = 'editor', hours = '12'] = process.argv.slice(2);
const secret = process.env.JWT_SECRET;
if (!secret || secret.length < 32) {
  console.error(
    'Set JWT_SECRET (at least 32 characters) to the value the server uses, e.g.\n  export JWT_SECRET=$(openssl rand -hex 32)',
  );
  process.exit(2);
}
if (!['viewer', 'editor', 'admin'].includes(role)) {
  console.error(`role must be viewer, editor or admin, not "${role}"`);
  process.exit(2);
}
const token = await new SignJWT({ role })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(`dev-${role}`)
  .setIssuedAt()
  .setExpirationTime(`${Number(hours)}h`)
  .sign(new TextEncoder().encode(secret));
console.log(token);
