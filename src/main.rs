//! The employer's page: the questionnaire and its result.
fn main() {
    vio::start_employer();
}
