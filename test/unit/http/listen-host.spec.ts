/** Where `npm start` listens and which URL it prints: loopback by default, every interface in production. */
import { loadConfig } from '../../../src/config/config';
import { everyInterface, listenAddress, localBaseUrl } from '../../../src/http/listen-host';

describe('the listening address', () => {
  it('is 127.0.0.1 for npm start, so the demo keys are not reachable from the network, and prints localhost', () => {
    const config = loadConfig({});
    expect(listenAddress(config)).toBe('127.0.0.1');
    expect(localBaseUrl(config.host, 3000)).toBe('http://localhost:3000');
  });

  it('is every interface in production mode (a container port must reach it)', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(listenAddress(config)).toBe(everyInterface());
    expect(['::', '0.0.0.0']).toContain(everyInterface());
    expect(localBaseUrl(config.host, 3000)).toBe('http://localhost:3000');
  });

  it('is what HOST says otherwise, printed as such', () => {
    expect(listenAddress(loadConfig({ HOST: '10.1.2.3' }))).toBe('10.1.2.3');
    expect(localBaseUrl('10.1.2.3', 8080)).toBe('http://10.1.2.3:8080');
    expect(localBaseUrl('fd00::5', 8080)).toBe('http://[fd00::5]:8080');
  });
});
