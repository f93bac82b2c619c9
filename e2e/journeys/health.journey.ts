import type { Journey } from '../harness.ts';

const journey: Journey = {
  name: 'the web app and the API answer on one port',
  async run({ newPage, server }) {
    const page = await newPage();
    const response = await page.goto('/');
    if (!response?.ok()) throw new Error(`GET / answered ${response?.status()}`);
    const title = await page.title();
    if (!title.includes('HireHall')) throw new Error(`unexpected title ${title}`);
    const health = (await (await fetch(`${server.baseUrl}/api/health`)).json()) as {
      status: string;
    };
    if (health.status !== 'ok') throw new Error(`health: ${JSON.stringify(health)}`);
  },
};
export default journey;
