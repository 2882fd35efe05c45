export { createTestEnvironment, type TestEnvironment, type TestResponse } from './test-environment.js';
export { MailCatcher, type CaughtMail } from './mail-catcher.js';
export { createTestDatabase, dropTestQueue, testQueueEnv } from './test-database.js';
export { spawnPortico, type PorticoProcess } from './spawn-portico.js';
export { eventually } from './eventually.js';
export { httpRequest } from './http-client.js';
export { freePort } from './free-port.js';
export { launchBrowser, CHROMIUM_PATH } from './browser.js';
