//! SERVICE (SPARQL 1.1 Federated Query) over HTTP, for `ckg serve --allow-service` only: the
//! pattern inside `SERVICE <url> { … }` is sent to `url` as a SELECT query (POST
//! `application/sparql-query`, SPARQL JSON back) with the `ureq` client `push` uses. Off by
//! default: oxigraph is built without its own HTTP client, so without this handler every
//! SERVICE fails and a query can never make the process fetch a URL.

use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{DefaultServiceHandler, QuerySolutionIter};
use spargebra::Query;
use spargebra::algebra::GraphPattern;
use std::time::Duration;

/// The largest answer a service may send (it is held in memory).
const ANSWER_LIMIT: u64 = 64 << 20;

#[derive(Debug, thiserror::Error)]
pub(crate) enum ServiceError {
    #[error("SERVICE <{service}>: {message}")]
    Failed { service: String, message: String },
    #[error("SERVICE <{service}>: the answer is not SPARQL JSON solutions: {source}")]
    Answer {
        service: String,
        #[source]
        source: oxigraph::sparql::results::QueryResultsParseError,
    },
}

pub(crate) struct HttpService {
    agent: ureq::Agent,
}

impl HttpService {
    /// A handler whose requests give up after `timeout` (the query's own limit).
    pub(crate) fn new(timeout: Option<Duration>) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout.unwrap_or(Duration::from_secs(60))))
            .user_agent(concat!(
                "ckg/",
                env!("CARGO_PKG_VERSION"),
                " (conflict-kg serve SERVICE)"
            ))
            .build()
            .new_agent();
        Self { agent }
    }
}

impl DefaultServiceHandler for HttpService {
    type Error = ServiceError;

    fn handle(
        &self,
        service_name: &NamedNode,
        pattern: &GraphPattern,
        base_iri: Option<&oxiri::Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let service = service_name.as_str().to_string();
        let failed = |message: String| ServiceError::Failed {
            service: service.clone(),
            message,
        };
        let query = Query::Select {
            dataset: None,
            pattern: pattern.clone(),
            base_iri: base_iri.cloned(),
        };
        let mut response = self
            .agent
            .post(&service)
            .header("Content-Type", "application/sparql-query")
            .header("Accept", "application/sparql-results+json")
            .send(query.to_string().as_bytes())
            .map_err(|e| failed(e.to_string()))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(ANSWER_LIMIT)
            .read_to_vec()
            .map_err(|e| failed(e.to_string()))?;
        if status != 200 {
            let text = String::from_utf8_lossy(&body);
            return Err(failed(format!("answered {status}: {}", text.trim())));
        }
        match QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(std::io::Cursor::new(body))
        {
            Ok(ReaderQueryResultsParserOutput::Solutions(solutions)) => Ok(solutions.into()),
            Ok(ReaderQueryResultsParserOutput::Boolean(_)) => {
                Err(failed("answered a boolean to a SELECT".into()))
            }
            Err(source) => Err(ServiceError::Answer { service, source }),
        }
    }
}
