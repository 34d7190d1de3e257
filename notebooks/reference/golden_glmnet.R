#!/usr/bin/env Rscript
# Golden numbers for Churn.Algorithms.Linear.ElasticNetLogistic (R glmnet's binomial path).
#
# Run from anywhere (Debian's r-cran-glmnet, 4.1-6 here):
#
#     Rscript notebooks/reference/golden_glmnet.R
#
# Writes notebooks/reference/golden/glmnet_bigml.json. Data: data/raw/churn-bigml-80.csv read as the other
# goldens read it: features = every column except State, Area code and Churn (CSV order), Yes/No -> 1/0,
# label Churn True -> 1. Columns are standardised here (population SD, as StandardScaler) and given to
# glmnet with standardize = FALSE, so both sides fit the same standardised design. thresh = 1e-14 makes
# glmnet's coefficients exact to far below the 1e-6 the tests ask for.
#
# Cases (no_charge = the 13 columns the product keeps: the four charge columns are minutes x tariff,
# correlation 1.0000, and ChurnTrainer drops them before fitting):
#   lasso_no_charge     alpha = 1,   automatic path (nlambda 100, lambda.min.ratio 1e-4)
#   enet05_no_charge    alpha = 0.5, automatic path
#   enet02_weighted     alpha = 0.2, automatic path, weights runif(0.5, 2) with set.seed(12)
#   lasso_fixed         alpha = 1,   lambda = 0.05, 0.02, 0.01, 0.005, 0.001 (no path stopping rules)
#   lasso_all           alpha = 1,   all 17 columns (near-collinear charge/minute pairs), automatic path
suppressPackageStartupMessages(library(glmnet))

args <- commandArgs(trailingOnly = FALSE)
script <- normalizePath(sub("^--file=", "", args[grep("^--file=", args)]))
root <- normalizePath(file.path(dirname(script), "..", ".."))
csv <- file.path(root, "data", "raw", "churn-bigml-80.csv")
out <- file.path(root, "notebooks", "reference", "golden", "glmnet_bigml.json")

d <- read.csv(csv, check.names = FALSE, stringsAsFactors = FALSE, colClasses = "character")
features <- setdiff(names(d), c("State", "Area code", "Churn"))
X <- sapply(features, function(f) { v <- d[[f]]; if (all(v %in% c("Yes", "No"))) as.numeric(v == "Yes") else as.numeric(v) })
y <- as.numeric(d$Churn == "True")
standardise <- function(X) {
  m <- colMeans(X)
  centred <- sweep(X, 2, m)
  s <- sqrt(colMeans(centred^2))
  sweep(centred, 2, s, "/")
}
Z <- standardise(X)
charges <- c("Total day charge", "Total eve charge", "Total night charge", "Total intl charge")
no_charge <- setdiff(features, charges)

num <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
arr <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
strs <- function(x) paste0("[", paste0("\"", x, "\"", collapse = ", "), "]")

run <- function(name, columns, alpha, lambda = NULL, weights = NULL) {
  args <- list(x = Z[, columns, drop = FALSE], y = y, family = "binomial", alpha = alpha,
               standardize = FALSE, thresh = 1e-14, maxit = 1e7)
  if (!is.null(lambda)) args$lambda <- lambda
  if (!is.null(weights)) args$weights <- weights
  fit <- do.call(glmnet, args)
  beta <- as.matrix(fit$beta)
  rows <- sapply(seq_along(fit$lambda), function(k) arr(beta[, k]))
  paste0("    \"", name, "\": {\n",
         "      \"alpha\": ", num(alpha), ",\n",
         "      \"columns\": ", strs(columns), ",\n",
         "      \"given_lambdas\": ", if (is.null(lambda)) "null" else arr(lambda), ",\n",
         "      \"weights\": ", if (is.null(weights)) "null" else arr(weights), ",\n",
         "      \"lambda\": ", arr(fit$lambda), ",\n",
         "      \"a0\": ", arr(as.numeric(fit$a0)), ",\n",
         "      \"dev_ratio\": ", arr(fit$dev.ratio), ",\n",
         "      \"df\": ", arr(fit$df), ",\n",
         "      \"null_deviance\": ", num(fit$nulldev), ",\n",
         "      \"npasses\": ", fit$npasses, ",\n",
         "      \"beta\": [\n        ", paste(rows, collapse = ",\n        "), "\n      ]\n    }")
}

set.seed(12)
w <- runif(nrow(Z), 0.5, 2)
cases <- c(
  run("lasso_no_charge", no_charge, 1),
  run("enet05_no_charge", no_charge, 0.5),
  run("enet02_weighted", no_charge, 0.2, weights = w),
  run("lasso_fixed", no_charge, 1, lambda = c(0.05, 0.02, 0.01, 0.005, 0.001)),
  run("lasso_all", features, 1))
json <- paste0("{\n",
  "  \"source\": \"notebooks/reference/golden_glmnet.R\",\n",
  "  \"versions\": {\"R\": \"", R.version$major, ".", R.version$minor, "\", \"glmnet\": \"", as.character(packageVersion("glmnet")), "\"},\n",
  "  \"data\": \"data/raw/churn-bigml-80.csv\",\n",
  "  \"rows\": ", nrow(Z), ",\n",
  "  \"features\": ", strs(features), ",\n",
  "  \"thresh\": 1e-14,\n",
  "  \"cases\": {\n", paste(cases, collapse = ",\n"), "\n  }\n}\n")
writeLines(json, out, sep = "")
cat("wrote", out, "\n")
