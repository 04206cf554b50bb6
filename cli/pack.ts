// Entry point of `npm run pack -- <command>`; everything else is in pack-cli.ts (tested in-process).
import { runPackCli } from './pack-cli';

// npm runs scripts from the package root; relative paths should mean the folder the publisher
// typed the command in, which npm passes as INIT_CWD.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

const code = await runPackCli(process.argv.slice(2), {
  log: (s) => console.log(s),
  error: (s) => console.error(s),
});
process.exit(code);
