// Browser journeys: filled in by the e2e work.
console.log('no journeys yet');
