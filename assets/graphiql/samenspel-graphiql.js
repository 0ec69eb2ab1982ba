// Starts GraphiQL on this server's own GraphQL endpoint. It is a file of its own, served from
// this origin, so the page's Content-Security-Policy needs no inline script.
(function () {
  'use strict';
  var endpoint = new URL('graphql', document.baseURI).toString();
  var defaultQuery = [
    '# Samenspel GraphQL. Public data needs no token;',
    '# to see more, or to write, add under Headers:',
    '# { "Authorization": "Bearer <token>" }',
    '{',
    '  coalitions(first: 5) {',
    '    totalCount',
    '    nodes { name stage }',
    '  }',
    '}',
    '',
  ].join('\n');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: endpoint }),
      defaultQuery: defaultQuery,
      defaultEditorToolsVisibility: true,
    })
  );
})();
