const { pathToFileURL } = require('node:url');

// An absolute loader URL: worker threads (the logger's) inherit --import and resolve it from their own cwd.
module.exports = {
  'node-option': [`import=${pathToFileURL(require.resolve('tsx')).href}`, 'no-warnings=ExperimentalWarning'],
  extension: ['ts'],
  timeout: 60000,
  recursive: true,
  reporter: 'spec',
};
