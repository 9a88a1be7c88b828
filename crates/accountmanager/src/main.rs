//! The accountmanager's page: key management, opening result files, het goede gesprek.
fn main() {
    vio::accountmanager::start();
}
