import { execFile } from 'node:child_process';

/** A private key and its self-signed certificate, both PEM. */
export interface SelfSignedCertificate {
  key: string;
  cert: string;
}

/**
 * Makes a throwaway P-256 key and a self-signed certificate for `localhost` and 127.0.0.1, valid for a
 * day, with the `openssl` command (no network). Only for the simulator: a client must be told to trust
 * `cert` (the gateway's HEYGEN_CA_FILE, or the client's `ca` option in tests).
 */
export function createSelfSignedCertificate(): Promise<SelfSignedCertificate> {
  const args = [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', '-', '-out', '-',
  ];
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { timeout: 10_000 }, (error, stdout) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(new Error(missing ? 'The simulator needs the openssl command for its TLS mode; install openssl' : `openssl could not make a certificate: ${error.message}`));
        return;
      }
      const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/.exec(stdout)?.[0];
      const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(stdout)?.[0];
      if (!key || !cert) reject(new Error('openssl did not print a key and a certificate'));
      else resolve({ key, cert });
    });
  });
}
