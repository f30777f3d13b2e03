// Preloaded into each emulator process (node --require ./supervise.js ...) by DataEngine's EmulatorHost.
//  attached: the emulator belongs to the process that started it (a test run, `dataengine serve`); when that
//            process dies without stopping it (crash, KILL, a CI timeout), the emulator exits too: no orphans.
//            DATAENGINE_EMULATOR_PARENT_PID names that process, so a parent that died before this line ran counts.
//  detached: `dataengine emulators start` keeps it running after the command returns; it ignores the hang-up
//            that closing the terminal sends.
"use strict";

const mode = process.env.DATAENGINE_EMULATOR_MODE;
if (mode === "attached") {
  const parent = parseInt(process.env.DATAENGINE_EMULATOR_PARENT_PID || "", 10) || process.ppid;
  const check = () => {
    if (process.ppid !== parent) process.exit(0);
  };
  check();
  setInterval(check, 500).unref();
} else if (mode === "detached") {
  process.on("SIGHUP", () => {});
}
