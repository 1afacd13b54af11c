"""The cron digest (`newsum digest`): its sources and options (`config`), the
state that remembers what was shown (`state`), reading sources (`reading`),
digesting items (`items`), same-story signals (`stories`) and merging
(`merge`), and the run that ties them together (`run`)."""
