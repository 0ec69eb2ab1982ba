//! How the API presents itself to clients: the browser origins it answers, introspection,
//! GraphiQL, and whether it runs in production (no "Did you mean" hints).

use clap::{ArgAction, Args, ValueEnum};

/// Where the service runs.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Environment {
    /// A developer's machine: errors hint at the field or type meant.
    #[default]
    Development,
    /// On the internet: errors name no field or type that was not asked for.
    Production,
}

/// Settings of the GraphQL endpoint as clients and browsers see it.
#[derive(Args, Clone, Debug, PartialEq, Eq)]
pub struct ApiSettings {
    /// Browser origins allowed to call the API (CORS), comma-separated, e.g.
    /// `https://app.example.nl`; none by default.
    #[arg(long, env = "SAMENSPEL_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// Whether clients may query the schema (`__schema`, `__type`).
    #[arg(long, env = "SAMENSPEL_INTROSPECTION", default_value_t = true, action = ArgAction::Set)]
    pub introspection: bool,
    /// Whether `/` serves GraphiQL, the in-browser IDE (from the binary itself, nothing from a
    /// third party); `false` answers 404 there.
    #[arg(long, env = "SAMENSPEL_GRAPHIQL", default_value_t = true, action = ArgAction::Set)]
    pub graphiql: bool,
    /// Take the client address (which keys the rate limit of anonymous clients) from the last
    /// entry of `X-Forwarded-For`, as a load balancer in front of the service appends it. Only
    /// behind such a proxy: a client reaching the service directly could name any address.
    #[arg(long, env = "SAMENSPEL_TRUST_FORWARDED_FOR", default_value_t = false, action = ArgAction::Set)]
    pub trust_forwarded_for: bool,
    /// `production` leaves "Did you mean …" suggestions out of error messages.
    #[arg(long = "env", env = "SAMENSPEL_ENV", value_enum, default_value_t = Environment::Development)]
    pub environment: Environment,
}

impl Default for ApiSettings {
    fn default() -> Self {
        ApiSettings {
            cors_origins: Vec::new(),
            introspection: true,
            graphiql: true,
            trust_forwarded_for: false,
            environment: Environment::Development,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Only {
        #[command(flatten)]
        api: ApiSettings,
    }

    #[test]
    fn defaults_agree_with_the_command_line() {
        let parsed = Only::try_parse_from(["samenspel"]).map(|o| o.api);
        assert_eq!(parsed.ok(), Some(ApiSettings::default()));
    }

    #[test]
    fn flags_switch_introspection_and_graphiql_off_and_list_origins() {
        let args = [
            "samenspel",
            "--introspection",
            "false",
            "--graphiql",
            "false",
            "--env",
            "production",
            "--cors-origins",
            "https://a.example,https://b.example",
        ];
        let api = Only::try_parse_from(args).map(|o| o.api).ok();
        assert_eq!(
            api,
            Some(ApiSettings {
                cors_origins: vec!["https://a.example".into(), "https://b.example".into()],
                introspection: false,
                graphiql: false,
                trust_forwarded_for: false,
                environment: Environment::Production,
            })
        );
    }
}
