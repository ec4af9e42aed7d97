/**
 * Import boundaries (issue 13): layers inside a context, and contexts talking
 * through each other's services, never each other's data. `npm run lint:boundaries`
 * checks them; tests/unit/boundaries proves a wrong import fails.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Business rules are pure functions: no table, no service, no HTTP, no AWS SDK (the clock and randomness are passed in).',
      severity: 'error',
      from: { path: '^shared/[^/]+/domain/' },
      to: {
        path: [
          '^shared/[^/]+/(data|services|http)/',
          '^shared/platform/(aws|data|http|workflow)/',
          '^(functions|infra|workflows)/',
          '@aws-sdk',
          'dynamodb-toolbox',
          '@middy',
          '@aws-lambda-powertools',
        ],
      },
    },
    {
      name: 'schemas-are-contracts',
      comment: 'Schemas describe data at a boundary; they never read tables or call services.',
      severity: 'error',
      from: { path: '^shared/[^/]+/schemas/' },
      to: { path: ['^shared/[^/]+/(data|services|http)/', '^shared/platform/(aws|data|http|workflow)/', '@aws-sdk', 'dynamodb-toolbox'] },
    },
    {
      name: 'data-below-services',
      comment: 'Repositories are called by services, never the other way round, and know nothing of HTTP.',
      severity: 'error',
      from: { path: '^shared/[^/]+/data/' },
      to: { path: ['^shared/[^/]+/(services|http)/', '^shared/platform/http/'] },
    },
    {
      name: 'services-not-http',
      comment: 'Services answer in outcomes; handlers and http helpers turn them into responses.',
      severity: 'error',
      from: { path: '^shared/[^/]+/services/' },
      to: { path: ['^shared/[^/]+/http/', '^shared/platform/http/'] },
    },
    {
      name: 'no-other-context-data',
      comment:
        'A context reads and writes another context’s data through that context’s services, not its repositories. ' +
        'The one exception is the order aggregate (orders/data/order-repository and its entities): it is the shared state of the order workflow, ' +
        'whose steps live in the contexts that own them and each move the order through its guarded transitions.',
      severity: 'error',
      from: { path: '^shared/([^/]+)/' },
      to: { path: '^shared/(?!platform/)[^/]+/data/', pathNot: ['^shared/$1/', '^shared/orders/data/(order-repository|entities)\\.ts$'] },
    },
    {
      name: 'kernel-knows-no-context',
      comment: 'The platform kernel is below every context.',
      severity: 'error',
      from: { path: '^shared/platform/' },
      to: { path: '^shared/(?!platform/)[^/]+/' },
    },
    {
      name: 'handlers-are-thin',
      comment: 'A handler is a middy chain around one service call: it does not reach into repositories.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^shared/[^/]+/data/' },
    },
    {
      name: 'runtime-not-infra',
      comment: 'Runtime code never imports CDK or the infrastructure.',
      severity: 'error',
      from: { path: '^(shared|functions)/' },
      to: { path: ['^infra/', '^workflows/', 'aws-cdk-lib', 'constructs'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
